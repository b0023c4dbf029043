package dev.heavyweight.worker.client;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * A unary gRPC call as a Uni whose cancellation cancels the call itself, so the peer stops working on
 * it (Quarkus' Mutiny stubs leave the call running when their Uni is cancelled).
 */
final class CancellableCall {

    private CancellableCall() {
    }

    static <Q, R> Uni<R> unary(Q request, BiConsumer<Q, StreamObserver<R>> method) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicReference<ClientCallStreamObserver<Q>> call = new AtomicReference<>();
            AtomicBoolean answered = new AtomicBoolean();
            AtomicBoolean abandoned = new AtomicBoolean();
            emitter.onTermination(() -> {
                if (!answered.get()) {
                    abandoned.set(true);
                    cancel(call.get());
                }
            });
            method.accept(request, new ClientResponseObserver<Q, R>() {
                @Override
                public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
                    call.set(requestStream);
                }

                @Override
                public void onNext(R response) {
                    answered.set(true);
                    emitter.complete(response);
                }

                @Override
                public void onError(Throwable failure) {
                    answered.set(true);
                    emitter.fail(failure);
                }

                @Override
                public void onCompleted() {
                    // the unary answer already arrived in onNext
                }
            });
            if (abandoned.get()) {
                // The subscriber left while the call was being started.
                cancel(call.get());
            }
        });
    }

    /** gRPC answers on its own threads; the job goes on where it was, on its Vert.x context. */
    static <T> Uni<T> onCallersContext(Uni<T> call) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            return context == null ? call : call.emitOn(task -> context.runOnContext(ignored -> task.run()));
        });
    }

    private static void cancel(ClientCallStreamObserver<?> call) {
        if (call != null) {
            call.cancel("the job was stopped", null);
        }
    }
}
