package io.netcheck.checklist;

/**
 * The Kubernetes part of a VIP check: which Service names the VIP and which its real servers, and once read,
 * what the cluster said. Before resolution {@code view} is null and the request's VIP is a placeholder.
 *
 * @param vipService      the Service whose address is the VIP, null when the VIP was typed
 * @param backendsService the Service whose endpoints are the real servers, null when they were typed
 * @param view            the backends' Service as read (or the VIP's when the backends were typed), null before
 * @param vipView         the VIP's Service as read when it is another Service than the backends', else null
 */
public record ClusterPool(ServiceRef vipService, ServiceRef backendsService, Via via, ServiceView view,
                          ServiceView vipView) {
    public boolean resolved() {
        return view != null;
    }

    public ClusterPool resolvedAs(ServiceView view, ServiceView vipView) {
        return new ClusterPool(vipService, backendsService, via, view, vipView);
    }

    /** The endpoints came from the cluster, so the cluster's view of each is evidence about it. */
    public boolean poolFromCluster() {
        return backendsService != null && view != null;
    }
}
