package dev.heavyweight.worker.fake;

import dev.heavyweight.contracts.messages.Reasons;
import dev.heavyweight.contracts.moderation.ModerateImageRequest;
import dev.heavyweight.contracts.moderation.ModerationServiceGrpc;
import dev.heavyweight.contracts.moderation.ModerationVerdict;
import dev.heavyweight.contracts.moderation.StageVerdict;
import dev.heavyweight.contracts.moderation.TopicScore;
import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A scripted moderation-service (the peer of this module; the real one is covered end to end): answers
 * ModerateImage per task as the test decided (allowed by default, blocked, unassessed, a gRPC error, or
 * never), records every request, and serves the standard gRPC health service for readiness.
 */
public final class FakeModeration implements AutoCloseable {

    /** What the fake answers for one task. */
    public enum Answer { ALLOW, BLOCK, UNASSESSED, UNAVAILABLE, UNIMPLEMENTED, NEVER }

    public static final String ENGINE = "nsfw_mobilenet_v2";
    public static final String DETAIL = "the image was flagged for sexual content";

    private final Server server;
    private final List<ModerateImageRequest> received = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<ServerCallStreamObserver<ModerationVerdict>> unanswered = new CopyOnWriteArrayList<>();
    private volatile boolean serving = true;

    private FakeModeration(int port) {
        // Plain handlers, not a service class: Quarkus would otherwise serve it from the worker itself.
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .maxInboundMessageSize(16 * 1024 * 1024)
                .addService(ServerServiceDefinition.builder(ModerationServiceGrpc.SERVICE_NAME)
                        .addMethod(ModerationServiceGrpc.getModerateImageMethod(),
                                ServerCalls.asyncUnaryCall(this::moderateImage))
                        .addMethod(ModerationServiceGrpc.getModeratePromptMethod(), ServerCalls.asyncUnaryCall(
                                (request, response) -> response.onError(Status.UNIMPLEMENTED.asRuntimeException())))
                        .build())
                .addService(ServerServiceDefinition.builder(HealthGrpc.SERVICE_NAME)
                        .addMethod(HealthGrpc.getCheckMethod(), ServerCalls.asyncUnaryCall(this::check))
                        .build())
                .build();
    }

    public static FakeModeration start(int port) {
        FakeModeration fake = new FakeModeration(port);
        try {
            fake.server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fake;
    }

    /** How the fake answers ModerateImage for a task from now on. */
    public void answer(String taskId, Answer answer) {
        answers.put(taskId, answer);
    }

    /** Whether the health service reports ModerationService as SERVING. */
    public void serving(boolean serving) {
        this.serving = serving;
    }

    /** Back to allowing everything and serving, with every call that was never answered ended. */
    public void reset() {
        answers.clear();
        serving = true;
        unanswered.forEach(call -> {
            if (!call.isCancelled()) {
                call.onError(Status.ABORTED.asRuntimeException());
            }
        });
        unanswered.clear();
    }

    /** The first ModerateImage request for a task, if one arrived. */
    public Optional<ModerateImageRequest> requestFor(String taskId) {
        return received.stream().filter(r -> r.getTaskId().equals(taskId)).findFirst();
    }

    /** The latest ModerateImage request for a task, if one arrived. */
    public Optional<ModerateImageRequest> lastRequestFor(String taskId) {
        return received.stream().filter(r -> r.getTaskId().equals(taskId)).reduce((first, second) -> second);
    }

    /** How many ModerateImage calls arrived for a task. */
    public long requestsFor(String taskId) {
        return received.stream().filter(r -> r.getTaskId().equals(taskId)).count();
    }

    /** The topics of a blocking verdict: sexual flagged, violence assessed and clear, minors not assessed. */
    public static List<TopicScore> blockingTopics() {
        return List.of(
                topic("sexual", true, 0.91, 0.5, true),
                topic("violence", true, 0.02, 0.5, false),
                topic("minors", false, 0, 0.45, false));
    }

    @Override
    public void close() throws InterruptedException {
        reset();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private void moderateImage(ModerateImageRequest request, StreamObserver<ModerationVerdict> response) {
        received.add(request);
        switch (answers.getOrDefault(request.getTaskId(), Answer.ALLOW)) {
            case ALLOW -> answer(response, ModerationVerdict.newBuilder().setAllowed(true).setStage("image")
                    .addAllTopics(List.of(topic("sexual", true, 0.03, 0.5, false)))
                    .addStages(StageVerdict.newBuilder().setStage(ENGINE).setAllowed(true)).build());
            case BLOCK -> answer(response, ModerationVerdict.newBuilder().setAllowed(false).setStage("image")
                    .setReason(Reasons.IMAGE_BLOCKED).setDetail(DETAIL).setEngine(ENGINE).addCategories("sexual")
                    .addAllTopics(blockingTopics())
                    .addStages(StageVerdict.newBuilder().setStage(ENGINE).setAllowed(false).addCategories("sexual")
                            .addAllTopics(blockingTopics()))
                    .build());
            case UNASSESSED -> answer(response, ModerationVerdict.newBuilder().setAllowed(false).setStage("image")
                    .setReason(Reasons.IMAGE_UNASSESSED).setEngine("policy").addCategories("minors")
                    .addAllTopics(List.of(topic("minors", false, 0, 0.45, false))).build());
            case UNAVAILABLE -> response.onError(
                    Status.UNAVAILABLE.withDescription("the safety model is loading").asRuntimeException());
            case UNIMPLEMENTED -> response.onError(Status.UNIMPLEMENTED.withDescription(
                    "Method heavyweight.moderation.v1.ModerationService/ModerateImage is unimplemented")
                    .asRuntimeException());
            case NEVER -> unanswered.add((ServerCallStreamObserver<ModerationVerdict>) response);
        }
    }

    private void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> response) {
        boolean known = request.getService().isEmpty() || request.getService().equals(ModerationServiceGrpc.SERVICE_NAME);
        ServingStatus status = !known ? ServingStatus.UNKNOWN
                : serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        response.onNext(HealthCheckResponse.newBuilder().setStatus(status).build());
        response.onCompleted();
    }

    private static void answer(StreamObserver<ModerationVerdict> response, ModerationVerdict verdict) {
        response.onNext(verdict);
        response.onCompleted();
    }

    private static TopicScore topic(String name, boolean assessed, double score, double threshold, boolean flagged) {
        return TopicScore.newBuilder().setTopic(name).setAssessed(assessed).setScore(score).setThreshold(threshold)
                .setMargin(score - threshold).setFlagged(flagged).setEngine(assessed ? ENGINE : "").build();
    }
}
