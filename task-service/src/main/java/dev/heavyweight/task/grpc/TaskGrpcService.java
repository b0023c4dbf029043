package dev.heavyweight.task.grpc;

import dev.heavyweight.contracts.task.CancelRequest;
import dev.heavyweight.contracts.task.GetRequest;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.SubmitResponse;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskService;
import dev.heavyweight.task.service.CancellationService;
import dev.heavyweight.task.service.SubmissionService;
import dev.heavyweight.task.service.SubmissionValidator;
import dev.heavyweight.task.service.TaskQueries;
import dev.heavyweight.contracts.task.Feedback;
import dev.heavyweight.contracts.task.FeedbackRequest;
import dev.heavyweight.contracts.task.GetTenantRequest;
import dev.heavyweight.contracts.task.ListEventsRequest;
import dev.heavyweight.contracts.task.ListEventsResponse;
import dev.heavyweight.contracts.task.ListRequest;
import dev.heavyweight.contracts.task.ListResponse;
import dev.heavyweight.contracts.task.RecordDownloadRequest;
import dev.heavyweight.contracts.task.RecordDownloadResponse;
import dev.heavyweight.contracts.task.Tenant;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/** {@code heavyweight.task.v1.TaskService}: Submit, Get and Cancel, all scoped to the caller's tenant. */
@GrpcService
public class TaskGrpcService implements TaskService {

    private final SubmissionService submissions;
    private final TaskQueries queries;
    private final CancellationService cancellations;

    TaskGrpcService(SubmissionService submissions, TaskQueries queries, CancellationService cancellations) {
        this.submissions = submissions;
        this.queries = queries;
        this.cancellations = cancellations;
    }

    @Override
    public Uni<SubmitResponse> submit(SubmitRequest request) {
        return Uni.createFrom()
                .deferred(() -> submissions.submit(SubmissionValidator.validate(TaskProtoMapper.toRequest(request))))
                .map(TaskProtoMapper::toProto)
                .onFailure().transform(GrpcStatusMapper::toStatus);
    }

    @Override
    public Uni<Task> get(GetRequest request) {
        return queries.get(request.getTenant(), request.getId())
                .map(TaskProtoMapper::toProto)
                .onFailure().transform(GrpcStatusMapper::toStatus);
    }

    @Override
    public Uni<Task> cancel(CancelRequest request) {
        return cancellations.cancel(request.getTenant(), request.getId())
                .map(TaskProtoMapper::toProto)
                .onFailure().transform(GrpcStatusMapper::toStatus);
    }

    // Implemented in the following steps of issue 7.
    @Override
    public Uni<ListResponse> list(ListRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }

    @Override
    public Uni<ListEventsResponse> listEvents(ListEventsRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }

    @Override
    public Uni<Feedback> putFeedback(FeedbackRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }

    @Override
    public Uni<RecordDownloadResponse> recordDownload(RecordDownloadRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }

    @Override
    public Uni<Tenant> getTenant(GetTenantRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }
}
