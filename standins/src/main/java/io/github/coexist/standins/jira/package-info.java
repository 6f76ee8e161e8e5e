/**
 * A stand-in for a Jira Cloud site with Jira Service Management ({@link
 * io.github.coexist.standins.jira.JiraStandIn}, whose {@link io.github.coexist.standins.jira.JiraSite}
 * tests drive), for the Jira adapter's tests and for running the demo against "a local Jira".
 */
package io.github.coexist.standins.jira;
