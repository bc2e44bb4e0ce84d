/**
 * The checks: what each command sends and what it saw. One pipeline for every command — plan the targets
 * ({@link io.netcheck.check.Targeting}: resolve, target policy), capture around the probes
 * ({@link io.netcheck.check.CaptureRun}), attribute the flows to each target — then each command's probe and its
 * evidence record: the VIP checklist of the load-balancer guide ({@link io.netcheck.check.VipChecklist}, the VIP
 * host's own answers, who answered the VIP port, the layer inference), the single probes (tcp, dns, http, tls,
 * ping, trace, mtu) and the checks of netcheck's own host (listeners from /proc/net, listen).
 */
package io.netcheck.check;
