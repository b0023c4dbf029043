package dev.heavyweight.task.economics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The arithmetic of the economics report, apart from the database so it can be checked figure by figure.
 * Cost per image is the fleet's cost over the window ÷ the images made in it, so idle GPUs count; per node class
 * the class's cost ÷ the images made on it; per model each class's cost and energy are shared out by the
 * model's share of the class's GPU time (by its share of images where no GPU time is known).
 */
public final class EconomicsCalculator {

    /** Joules in one kilocalorie (thermochemical). */
    public static final double JOULES_PER_KCAL = 4184.0;

    /** What the fleet's nodes of one class cost and used in the window. */
    public record ClassUsage(String nodeClass, int nodes, double fleetGpuSeconds, double cost, double energyJoules) {
    }

    /** The images of one model made on nodes of one class in the window, and their GPU time. */
    public record Images(String model, String nodeClass, long images, double gpuSeconds) {
    }

    /** Ratios are null where their denominator is 0. */
    public record Figures(long images, double gpuHours, double fleetGpuHours, Double utilisation, double cost,
            Double costPerImage, double energyJoules, double kcal, Double kcalPerImage) {
    }

    public record ClassFigures(String nodeClass, int nodes, Figures figures) {
    }

    public record ModelFigures(String model, Figures figures) {
    }

    public record Result(Figures total, List<ClassFigures> classes, List<ModelFigures> models) {
    }

    private EconomicsCalculator() {
    }

    public static Result compute(List<ClassUsage> usage, List<Images> images) {
        Map<String, ClassUsage> byClass = new TreeMap<>();
        usage.forEach(u -> byClass.put(u.nodeClass(), u));
        Map<String, long[]> classImages = new TreeMap<>();
        Map<String, double[]> classGpu = new TreeMap<>();
        for (Images i : images) {
            classImages.computeIfAbsent(i.nodeClass(), k -> new long[1])[0] += i.images();
            classGpu.computeIfAbsent(i.nodeClass(), k -> new double[1])[0] += i.gpuSeconds();
            byClass.putIfAbsent(i.nodeClass(), new ClassUsage(i.nodeClass(), 0, 0, 0, 0));
        }
        List<ClassFigures> classes = new ArrayList<>();
        for (ClassUsage u : byClass.values()) {
            long n = classImages.getOrDefault(u.nodeClass(), new long[1])[0];
            double gpu = classGpu.getOrDefault(u.nodeClass(), new double[1])[0];
            classes.add(new ClassFigures(u.nodeClass(), u.nodes(), figures(n, gpu, u.fleetGpuSeconds(), u.cost(), u.energyJoules())));
        }
        Map<String, double[]> models = new TreeMap<>();
        for (Images i : images) {
            ClassUsage u = byClass.get(i.nodeClass());
            double gpu = classGpu.get(i.nodeClass())[0];
            long n = classImages.get(i.nodeClass())[0];
            double share = gpu > 0 ? i.gpuSeconds() / gpu : n > 0 ? (double) i.images() / n : 0;
            double[] m = models.computeIfAbsent(i.model(), k -> new double[4]);
            m[0] += i.images();
            m[1] += i.gpuSeconds();
            m[2] += u.cost() * share;
            m[3] += u.energyJoules() * share;
        }
        List<ModelFigures> perModel = new ArrayList<>();
        models.forEach((model, m) -> perModel.add(new ModelFigures(model, figures((long) m[0], m[1], 0, m[2], m[3]))));
        long totalImages = images.stream().mapToLong(Images::images).sum();
        double totalGpu = images.stream().mapToDouble(Images::gpuSeconds).sum();
        double fleet = byClass.values().stream().mapToDouble(ClassUsage::fleetGpuSeconds).sum();
        double cost = byClass.values().stream().mapToDouble(ClassUsage::cost).sum();
        double joules = byClass.values().stream().mapToDouble(ClassUsage::energyJoules).sum();
        return new Result(figures(totalImages, totalGpu, fleet, cost, joules), classes, perModel);
    }

    private static Figures figures(long images, double gpuSeconds, double fleetSeconds, double cost, double joules) {
        double kcal = joules / JOULES_PER_KCAL;
        return new Figures(images, gpuSeconds / 3600.0, fleetSeconds / 3600.0,
                fleetSeconds > 0 ? gpuSeconds / fleetSeconds : null, cost, images > 0 ? cost / images : null,
                joules, kcal, images > 0 ? kcal / images : null);
    }
}
