/**
 * The VIP checklist of the load-balancer guide: plan, policy, probes under one capture, flow attribution, the VIP
 * host's own answers and who answered the VIP port ({@link io.netcheck.checklist.AnswerOrigin}), the layer
 * inference, and the evidence records the verdict reads.
 */
package io.netcheck.checklist;
