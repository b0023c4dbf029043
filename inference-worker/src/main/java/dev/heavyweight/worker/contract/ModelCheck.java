package dev.heavyweight.worker.contract;

import java.util.List;

/**
 * Where one model stands: {@code ok} once its metadata matched and a warm-up succeeded, else what differs or failed.
 *
 * @param differences how the model's metadata differs from the contract (empty unless that is the problem)
 */
public record ModelCheck(boolean ok, String detail, List<String> differences) {

    static final ModelCheck PENDING = new ModelCheck(false, "not checked yet", List.of());
    static final ModelCheck OK = new ModelCheck(true, "ok", List.of());

    static ModelCheck mismatch(List<String> differences) {
        return new ModelCheck(false, "contract mismatch: " + String.join("; ", differences), List.copyOf(differences));
    }

    static ModelCheck failed(String what, String why) {
        return new ModelCheck(false, what + " failed: " + why, List.of());
    }
}
