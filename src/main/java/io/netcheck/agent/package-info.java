/**
 * netcheck agents: netcheck processes at other network positions (next to a load balancer, on the servers'
 * subnet) that dial out to the server over one WebSocket and run checks there, under their own target policy.
 */
package io.netcheck.agent;
