package io.netcheck.check;

import java.util.List;

/** The layer the VIP works at, and the observations that led there, in the order they count. */
public record LayerInference(Layer layer, List<String> reasons) {
    public LayerInference {
        reasons = List.copyOf(reasons);
    }
}
