/**
 * The VIP checklist's rules and its table ({@link io.netcheck.verdict.vip.VipRules}), in checklist order: the first problem on the way from client to real server wins.
 */
package io.netcheck.verdict.vip;
