package dev.heavyweight.emulator.config;

import dev.heavyweight.emulator.config.EmulatorConfig.NodeOverride;
import dev.heavyweight.emulator.service.FaultPlan;
import dev.heavyweight.emulator.service.NodeSettings;
import dev.heavyweight.emulator.service.PowerModel;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves each node's settings: the fleet-wide value unless {@code heavyweight.emulator.node."<i>".<key>}
 * overrides it. Speed comes from the {@code speeds} list (node i takes entry i modulo its size) unless overridden.
 */
public final class NodeOverrides {

    private NodeOverrides() {
    }

    /** Fails on an override for a node that does not exist, which would otherwise be ignored silently. */
    public static void check(EmulatorConfig config) {
        if (config.nodes() < 1) {
            throw new IllegalArgumentException("heavyweight.emulator.nodes must be at least 1, was " + config.nodes());
        }
        if (config.speeds().isEmpty()) {
            throw new IllegalArgumentException("heavyweight.emulator.speeds must name at least one speed");
        }
        for (String key : config.node().keySet()) {
            int index = index(key);
            if (index < 0 || index >= config.nodes()) {
                throw new IllegalArgumentException("heavyweight.emulator.node.\"" + key + "\" names no node; "
                        + "this emulator runs nodes 0 to " + (config.nodes() - 1));
            }
        }
    }

    public static NodeSettings settings(EmulatorConfig config, int index) {
        NodeOverride o = config.node().entrySet().stream()
                .filter(entry -> index(entry.getKey()) == index)
                .map(Map.Entry::getValue)
                .findFirst().orElse(null);
        if (o == null) {
            return fleetWide(config, index);
        }
        FaultPlan faults = new FaultPlan(0, o.failRate().orElse(config.failRate()),
                o.failStatus().orElse(config.failStatus()), o.hang().orElse(config.hang()), 0,
                o.hangRate().orElse(config.hangRate()));
        double busyWatts = o.busyWatts().orElse(config.busyWatts());
        PowerModel power = new PowerModel(o.idleWatts().orElse(config.idleWatts()), busyWatts,
                o.powerLimitWatts().orElse(config.powerLimitWatts().orElse(busyWatts)));
        return new NodeSettings(o.slots().orElse(config.slots()), o.speed().orElse(listedSpeed(config, index)),
                o.stepTime().orElse(config.stepTime()), o.stepJitter().orElse(config.stepJitter()), faults, power,
                o.ready().orElse(true));
    }

    /** The tensor renames ({@code old:new}) of node {@code index}: its own list, else the fleet-wide one. */
    public static List<String> renamedTensors(EmulatorConfig config, int index) {
        return config.node().entrySet().stream()
                .filter(entry -> index(entry.getKey()) == index)
                .map(entry -> entry.getValue().renamedTensors())
                .flatMap(Optional::stream)
                .findFirst()
                .orElse(config.renamedTensors().orElse(List.of()));
    }

    private static NodeSettings fleetWide(EmulatorConfig config, int index) {
        FaultPlan faults = new FaultPlan(0, config.failRate(), config.failStatus(), config.hang(), 0,
                config.hangRate());
        PowerModel power = new PowerModel(config.idleWatts(), config.busyWatts(),
                config.powerLimitWatts().orElse(config.busyWatts()));
        return new NodeSettings(config.slots(), listedSpeed(config, index), config.stepTime(), config.stepJitter(),
                faults, power, true);
    }

    private static double listedSpeed(EmulatorConfig config, int index) {
        return config.speeds().get(index % config.speeds().size());
    }

    private static int index(String key) {
        try {
            return Integer.parseInt(key.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("heavyweight.emulator.node.\"" + key + "\": the key must be a node "
                    + "index such as \"0\"");
        }
    }
}
