package io.netcheck.store;

/** The store cannot be reached or refused the operation; callers say so and try again later. */
public class StoreUnavailable extends Exception {
    public StoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
