package io.netcheck.slack;

/**
 * Where Slack delivery ids are taken across replicas (the store), behind the local {@link RecentRequests}: a retry
 * Slack sends to another replica must start no second run.
 */
@FunctionalInterface
interface DeliveryLedger {
    /** Every delivery is new: one replica, or no store. */
    DeliveryLedger NONE = id -> true;

    /** @return true when no replica took this id yet (and now this one has) */
    boolean take(String id) throws Exception;
}
