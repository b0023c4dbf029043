package dev.heavyweight.task.grpc;

import dev.heavyweight.contracts.task.EconomicsReport;
import dev.heavyweight.contracts.task.EconomicsRequest;
import dev.heavyweight.contracts.task.OperationsReport;
import dev.heavyweight.contracts.task.OperationsRequest;
import dev.heavyweight.task.economics.EconomicsService;
import dev.heavyweight.task.operations.OperationsService;
import java.time.Duration;
import java.time.Instant;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.task.CancelRequest;
import dev.heavyweight.contracts.task.Feedback;
import dev.heavyweight.contracts.task.FeedbackRequest;
import dev.heavyweight.contracts.task.GetRequest;
import dev.heavyweight.contracts.task.GetTenantRequest;
import dev.heavyweight.contracts.task.ListEventsRequest;
import dev.heavyweight.contracts.task.ListEventsResponse;
import dev.heavyweight.contracts.task.ListRequest;
import dev.heavyweight.contracts.task.ListResponse;
import dev.heavyweight.contracts.task.RecordDownloadRequest;
import dev.heavyweight.contracts.task.RecordDownloadResponse;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.SubmitResponse;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskService;
import dev.heavyweight.contracts.task.Tenant;
import dev.heavyweight.task.feedback.FeedbackService;
import dev.heavyweight.task.queries.TaskQueries;
import dev.heavyweight.task.service.CancellationService;
import dev.heavyweight.task.service.SubmissionService;
import dev.heavyweight.task.service.SubmissionValidator;
import dev.heavyweight.task.tenants.TenantService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/** {@code heavyweight.task.v1.TaskService}; every call is scoped to the caller's tenant. */
@GrpcService
public class TaskGrpcService implements TaskService {

    private final SubmissionService submissions;
    private final TaskQueries queries;
    private final CancellationService cancellations;
    private final FeedbackService feedback;
    private final TenantService tenants;
    private final EconomicsService economics;
    private final OperationsService operations;

    TaskGrpcService(SubmissionService submissions, TaskQueries queries, CancellationService cancellations,
            FeedbackService feedback, TenantService tenants, EconomicsService economics, OperationsService operations) {
        this.economics = economics;
        this.operations = operations;
        this.submissions = submissions;
        this.queries = queries;
        this.cancellations = cancellations;
        this.feedback = feedback;
        this.tenants = tenants;
    }

    @Override
    public Uni<SubmitResponse> submit(SubmitRequest request) {
        return call(() -> submissions.submit(SubmissionValidator.validate(TaskProtoMapper.toRequest(request)))
                .map(TaskProtoMapper::toProto));
    }

    @Override
    public Uni<Task> get(GetRequest request) {
        return call(() -> queries.get(request.getTenant(), request.getId()).map(TaskProtoMapper::toProto));
    }

    @Override
    public Uni<Task> cancel(CancelRequest request) {
        return call(() -> cancellations.cancel(request.getTenant(), request.getId()).map(TaskProtoMapper::toProto));
    }

    @Override
    public Uni<ListResponse> list(ListRequest request) {
        return call(() -> {
            Lane lane = TaskProtoMapper.lane(request.getLane());
            return queries.list(request.getTenant(), RecordProtoMapper.state(request.getState()),
                            lane == null ? null : lane.routingKey(), request.getLimit(), request.getCursor())
                    .map(RecordProtoMapper::toProto);
        });
    }

    @Override
    public Uni<ListEventsResponse> listEvents(ListEventsRequest request) {
        return call(() -> queries.history(request.getTenant(), request.getId(), request.getAfterEventId())
                .map(RecordProtoMapper::toProto));
    }

    @Override
    public Uni<Feedback> putFeedback(FeedbackRequest request) {
        return call(() -> feedback.put(request.getTenant(), request.getId(), RecordProtoMapper.toInput(request))
                .map(RecordProtoMapper::toProto));
    }

    @Override
    public Uni<RecordDownloadResponse> recordDownload(RecordDownloadRequest request) {
        return call(() -> feedback.recordDownload(request.getTenant(), request.getId(), request.getUser(),
                        request.getChannel())
                .map(downloads -> RecordDownloadResponse.newBuilder().setDownloads(downloads).build()));
    }

    @Override
    public Uni<EconomicsReport> getEconomics(EconomicsRequest request) {
        return call(() -> economics.report(Instant.ofEpochMilli(request.getFromMs()), Instant.ofEpochMilli(request.getToMs()))
                .map(EconomicsProtoMapper::toProto));
    }

    @Override
    public Uni<OperationsReport> getOperations(OperationsRequest request) {
        return call(() -> operations.report(request.getWindowSeconds() == 0 ? null
                        : Duration.ofSeconds(request.getWindowSeconds()))
                .map(OperationsProtoMapper::toProto));
    }

    @Override
    public Uni<Tenant> getTenant(GetTenantRequest request) {
        return call(() -> tenants.standing(request.getTenant()).map(RecordProtoMapper::toProto));
    }

    /** Runs {@code work} lazily, so that failures while preparing it become gRPC statuses too. */
    private static <T> Uni<T> call(Supplier<Uni<? extends T>> work) {
        return Uni.createFrom().<T>deferred(work).onFailure().transform(GrpcStatusMapper::toStatus);
    }
}
