/**
 * A stateful stand-in for a ServiceNow instance ({@link
 * io.github.coexist.standins.servicenow.ServiceNowStandIn}), for the ServiceNow adapter's
 * tests and for running the demo against "a local ServiceNow".
 */
package io.github.coexist.standins.servicenow;
