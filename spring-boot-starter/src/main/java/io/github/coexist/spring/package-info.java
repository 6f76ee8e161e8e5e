/**
 * The Spring Boot starter: auto-configures {@link io.github.coexist.core.Coexist} from {@code
 * coexist.*} properties (the keys {@code serve}'s environment variables name, through Boot's relaxed
 * binding), the GitHub, ServiceNow and Jira adapters when their properties are set, the durable
 * store when the application has a PostgreSQL {@code DataSource}, a health indicator, Micrometer
 * meters, and the webhook endpoints as Spring MVC controllers. Every bean backs off when the
 * application defines its own; {@link io.github.coexist.spring.CoexistBuilderCustomizer} changes
 * the rest.
 */
package io.github.coexist.spring;
