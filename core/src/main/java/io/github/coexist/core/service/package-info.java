/**
 * Services: ownership, criticality, zone and dependencies (the CMDB view that DevOps and ITSM
 * share), the {@link io.github.coexist.core.service.ServiceDirectory} port that reads them, and
 * the {@link io.github.coexist.core.service.ServiceGraph} that gives a service's blast radius.
 */
@ValueStyle
@NullMarked
package io.github.coexist.core.service;

import org.jspecify.annotations.NullMarked;

import io.github.coexist.core.internal.style.ValueStyle;
