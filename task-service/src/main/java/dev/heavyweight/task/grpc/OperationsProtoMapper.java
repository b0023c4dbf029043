package dev.heavyweight.task.grpc;

import dev.heavyweight.contracts.task.LaneBacklog;
import dev.heavyweight.contracts.task.OperationsReport;
import dev.heavyweight.contracts.task.StateCount;
import dev.heavyweight.task.operations.OperationsService;

/** {@link OperationsService.Report} → {@code heavyweight.task.v1.OperationsReport}. */
final class OperationsProtoMapper {

    private OperationsProtoMapper() {
    }

    static OperationsReport toProto(OperationsService.Report report) {
        OperationsReport.Builder proto = OperationsReport.newBuilder()
                .setAtMs(report.at().toEpochMilli())
                .setWindowSeconds(report.window().toSeconds());
        report.lanes().values().forEach(lane -> {
            LaneBacklog.Builder backlog = LaneBacklog.newBuilder()
                    .setLane(TaskProtoMapper.lane(lane.lane().routingKey()))
                    .setAccepted(lane.accepted())
                    .setQueued(lane.queued())
                    .setRunning(lane.running());
            if (lane.oldestQueuedAt() != null) {
                backlog.setOldestQueuedAtMs(lane.oldestQueuedAt().toEpochMilli());
            }
            proto.addLanes(backlog);
        });
        report.states().forEach((state, count) -> proto.addStates(StateCount.newBuilder()
                .setState(TaskProtoMapper.toProto(state)).setCount(count)));
        return proto.build();
    }
}
