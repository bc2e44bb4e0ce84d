/** Bearer tokens as the server keeps them: SHA-256 digests only, compared in constant time (agents and the API). */
package io.netcheck.secret;
