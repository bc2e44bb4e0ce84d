package io.netcheck.capture;

/**
 * Estimates how many routers a reply crossed from its TTL, assuming the sender started from one of the
 * usual initial values (64 Linux, 128 Windows, 255 network gear). Two replies with the same estimate came
 * from the same distance: the trick that tells a NAT'd backend's reply from the load balancer's own.
 */
public final class Hops {
    private Hops() {
    }

    public static int fromTtl(int ttl) {
        int initial = ttl <= 64 ? 64 : ttl <= 128 ? 128 : 255;
        return initial - ttl;
    }
}
