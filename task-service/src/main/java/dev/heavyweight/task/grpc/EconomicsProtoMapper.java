package dev.heavyweight.task.grpc;

import dev.heavyweight.contracts.task.EconomicsFigures;
import dev.heavyweight.contracts.task.EconomicsReport;
import dev.heavyweight.contracts.task.ModelEconomics;
import dev.heavyweight.contracts.task.NodeClassEconomics;
import dev.heavyweight.contracts.task.QualityFigures;
import dev.heavyweight.task.economics.EconomicsCalculator;
import dev.heavyweight.task.economics.EconomicsService;

/** The economics report as its proto message; a figure that is null stays unset. */
final class EconomicsProtoMapper {

    private EconomicsProtoMapper() {
    }

    static EconomicsReport toProto(EconomicsService.Report report) {
        EconomicsReport.Builder out = EconomicsReport.newBuilder()
                .setFromMs(report.from().toEpochMilli())
                .setToMs(report.to().toEpochMilli())
                .setCurrency(report.currency())
                .setTotal(figures(report.economics().total()));
        for (EconomicsCalculator.ClassFigures c : report.economics().classes()) {
            out.addNodeClasses(NodeClassEconomics.newBuilder().setNodeClass(c.nodeClass()).setNodes(c.nodes())
                    .setFigures(figures(c.figures())));
        }
        for (EconomicsCalculator.ModelFigures m : report.economics().models()) {
            out.addModels(ModelEconomics.newBuilder().setModel(m.model()).setFigures(figures(m.figures())));
        }
        for (EconomicsService.Quality q : report.quality()) {
            QualityFigures.Builder quality = QualityFigures.newBuilder().setModel(q.model())
                    .setLane(TaskProtoMapper.lane(q.lane()))
                    .setSucceeded(q.succeeded()).setAccepted(q.accepted()).setRatings(q.ratings());
            if (q.taskSuccess() != null) {
                quality.setTaskSuccess(q.taskSuccess());
            }
            if (q.csat() != null) {
                quality.setCsat(q.csat());
            }
            out.addQuality(quality);
        }
        return out.build();
    }

    private static EconomicsFigures figures(EconomicsCalculator.Figures f) {
        EconomicsFigures.Builder out = EconomicsFigures.newBuilder().setImages(f.images()).setGpuHours(f.gpuHours())
                .setFleetGpuHours(f.fleetGpuHours()).setCost(f.cost()).setEnergyJoules(f.energyJoules()).setKcal(f.kcal());
        if (f.utilisation() != null) {
            out.setUtilisation(f.utilisation());
        }
        if (f.costPerImage() != null) {
            out.setCostPerImage(f.costPerImage());
        }
        if (f.kcalPerImage() != null) {
            out.setKcalPerImage(f.kcalPerImage());
        }
        return out.build();
    }
}
