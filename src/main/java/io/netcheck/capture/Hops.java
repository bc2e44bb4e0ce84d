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
        return initial(ttl) - ttl;
    }

    /** The TTL a sender most likely started from (64 Linux and most stacks, 128 Windows, 255 network gear). */
    public static int initial(int ttl) {
        return ttl <= 64 ? 64 : ttl <= 128 ? 128 : 255;
    }

    /** "1 hop away", "3 hops away", "directly connected", or "distance unknown" for null. */
    public static String text(Integer hops) {
        if (hops == null) {
            return "distance unknown";
        }
        return hops == 0 ? "directly connected" : hops + (hops == 1 ? " hop away" : " hops away");
    }
}
