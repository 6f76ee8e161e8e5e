/**
 * Not API: may change in any release. How owed writes reach a tool one at a time per record:
 * a {@link io.github.coexist.core.internal.delivery.Lane} per record and tool, run on the calling
 * thread or handed to a worker {@link java.util.concurrent.Executor}.
 */
@NullMarked
package io.github.coexist.core.internal.delivery;

import org.jspecify.annotations.NullMarked;
