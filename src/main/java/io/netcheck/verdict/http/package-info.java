/**
 * The http command's rules and table: connect, TLS, then the answer and the redirect chain.
 */
package io.netcheck.verdict.http;
