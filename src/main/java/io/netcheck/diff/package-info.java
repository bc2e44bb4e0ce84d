/**
 * "What changed since it last worked": two report JSONs (schema/report-v1.json) compared on what identifies
 * a service's path and ends (DNS answers, certificate, distance, handshake signature, load balancer, real
 * servers, trace path, path MTU, response), noise left out; the last healthy report per target kept to
 * compare with; the change that coincides with an outage named as its first suspect.
 */
package io.netcheck.diff;
