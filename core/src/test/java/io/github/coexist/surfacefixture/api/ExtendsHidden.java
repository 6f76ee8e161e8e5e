package io.github.coexist.surfacefixture.api;

import io.github.coexist.surfacefixture.internal.Hidden;

/** A fixture: an API type built by inheriting an internal type (as records ports once were). */
public final class ExtendsHidden extends Hidden {}
