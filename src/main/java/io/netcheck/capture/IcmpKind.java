package io.netcheck.capture;

/** What an ICMP(v6) error means for a TCP connection attempt, across both protocol versions. */
public enum IcmpKind {
    NET_UNREACHABLE, HOST_UNREACHABLE, PORT_UNREACHABLE, PROTOCOL_UNREACHABLE, ADMIN_PROHIBITED, TIME_EXCEEDED,
    OTHER;

    public static IcmpKind of(int ipVersion, int type, int code) {
        if (ipVersion == 4) {
            if (type == 11) {
                return TIME_EXCEEDED;
            }
            if (type != 3) {
                return OTHER;
            }
            return switch (code) {
                case 0, 6, 11 -> NET_UNREACHABLE;
                case 1, 7, 8, 12 -> HOST_UNREACHABLE;
                case 2 -> PROTOCOL_UNREACHABLE;
                case 3 -> PORT_UNREACHABLE;
                case 9, 10, 13, 14, 15 -> ADMIN_PROHIBITED;
                default -> OTHER;
            };
        }
        if (type == 3) {
            return TIME_EXCEEDED;
        }
        if (type != 1) {
            return OTHER;
        }
        return switch (code) {
            case 0, 2 -> NET_UNREACHABLE;
            case 3 -> HOST_UNREACHABLE;
            case 4 -> PORT_UNREACHABLE;
            case 1, 5, 6 -> ADMIN_PROHIBITED;
            default -> OTHER;
        };
    }

    public String words() {
        return switch (this) {
            case NET_UNREACHABLE -> "network unreachable";
            case HOST_UNREACHABLE -> "host unreachable";
            case PORT_UNREACHABLE -> "port unreachable";
            case PROTOCOL_UNREACHABLE -> "protocol unreachable";
            case ADMIN_PROHIBITED -> "administratively prohibited";
            case TIME_EXCEEDED -> "time exceeded (TTL expired in transit)";
            case OTHER -> "ICMP error";
        };
    }
}
