/**
 * The self-service catalog: {@link io.github.coexist.core.catalog.CatalogItem}s ("new staging
 * environment", "read access to a database") with the fields they ask for, whether they need
 * approval and by whom, and the fulfilment tasks they create; and the {@link
 * io.github.coexist.core.catalog.RequestDesk} that takes requests through Submitted, Approved or
 * Rejected, In fulfilment, Fulfilled or Canceled.
 */
@ValueStyle
@NullMarked
package io.github.coexist.core.catalog;

import org.jspecify.annotations.NullMarked;

import io.github.coexist.core.internal.style.ValueStyle;
