package dev.heavyweight.task.grpc;

import dev.heavyweight.contracts.task.CancelRequest;
import dev.heavyweight.contracts.task.GetRequest;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskService;
import dev.heavyweight.task.service.CancellationService;
import dev.heavyweight.task.service.SubmissionService;
import dev.heavyweight.task.service.SubmissionValidator;
import dev.heavyweight.task.service.TaskQueries;
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
    public Uni<Task> submit(SubmitRequest request) {
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
}
