package io.netcheck.schedule;

/** An announcement could not be posted; the state that asked for it stays unannounced and is tried again. */
public class AnnounceFailed extends Exception {
    public AnnounceFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
