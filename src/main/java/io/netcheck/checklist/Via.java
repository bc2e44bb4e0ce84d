package io.netcheck.checklist;

/** Which of a Service's addresses is the VIP: {@code --via clusterip|loadbalancer|nodeport}. */
public enum Via {
    /** spec.clusterIP and the Service port: what pods inside the cluster connect to. */
    CLUSTERIP,
    /** status.loadBalancer.ingress and the Service port: what clients outside connect to. */
    LOADBALANCER,
    /** a node's address and the nodePort. */
    NODEPORT;

    public static Via parse(String word) {
        return switch (word) {
            case "clusterip" -> CLUSTERIP;
            case "loadbalancer" -> LOADBALANCER;
            case "nodeport" -> NODEPORT;
            default -> throw new IllegalArgumentException("--via '" + word + "': give clusterip, loadbalancer or nodeport");
        };
    }

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
