/**
 * coexist on Jira Cloud with Jira Service Management: change requests as issues with site-specific
 * change fields, transitions resolved by name, approvals through the service desk API, signed
 * admin webhooks in, and optional deployment gating. Start with {@link
 * io.github.coexist.adapters.jira.JiraAdapter} and {@link io.github.coexist.adapters.jira.JiraConfig}.
 */
package io.github.coexist.adapters.jira;
