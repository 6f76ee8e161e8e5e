/**
 * coexist's core: {@link io.github.coexist.core.Coexist} is the one entry point that wires the
 * ports and hands out the capability services in the sub-packages.
 */
@NullMarked
package io.github.coexist.core;

import org.jspecify.annotations.NullMarked;
