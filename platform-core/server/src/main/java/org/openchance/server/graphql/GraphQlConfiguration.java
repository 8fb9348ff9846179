package org.openchance.server.graphql;

import graphql.scalars.ExtendedScalars;
import org.openchance.store.account.AccountRow;
import org.openchance.store.opportunity.OpportunityRow;
import org.openchance.store.user.UserRow;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.ClassNameTypeResolver;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

    /** Which GraphQL type a Java object returned for an interface (e.g. {@code Node}) is. */
    @Bean
    GraphQlSourceBuilderCustomizer typeResolver() {
        ClassNameTypeResolver resolver = new ClassNameTypeResolver();
        resolver.addMapping(UserRow.class, "User");
        resolver.addMapping(AccountRow.class, "Account");
        resolver.addMapping(OpportunityRow.class, "Opportunity");
        resolver.addMapping(org.openchance.store.contact.ContactRow.class, "Contact");
        resolver.addMapping(org.openchance.store.lead.LeadRow.class, "Lead");
        resolver.addMapping(org.openchance.store.task.TaskRow.class, "Task");
        resolver.addMapping(org.openchance.store.activity.ActivityRow.class, "Activity");
        // a plugin's object (a map) says its type; the host's records by their class
        graphql.schema.TypeResolver types = env -> PluginNodes.typeOf(env.getObject())
                .map(type -> env.getSchema().getObjectType(type))
                .orElseGet(() -> resolver.getType(env));
        return builder -> builder.defaultTypeResolver(types);
    }

    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> wiring.scalar(ExtendedScalars.Date)
                .scalar(ExtendedScalars.DateTime)
                .scalar(DecimalScalar.INSTANCE);
    }
}
