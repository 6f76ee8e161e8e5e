/**
 * The error model: {@link io.github.coexist.core.error.CoexistError}, a sealed set of cases that
 * every port and service returns on the left of an {@code Either}, and
 * {@link io.github.coexist.core.error.Problems} to report every problem of an input at once.
 */
@NullMarked
package io.github.coexist.core.error;

import org.jspecify.annotations.NullMarked;
