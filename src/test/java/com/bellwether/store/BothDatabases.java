package com.bellwether.store;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/** Runs an {@link OnBothDatabases} test once per dialect, each run on a fresh database dropped after it. */
public final class BothDatabases implements TestTemplateInvocationContextProvider {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BothDatabases.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return true;
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return Stream.of(Dialect.H2, Dialect.POSTGRESQL).map(BothDatabases::on);
    }

    private static TestTemplateInvocationContext on(Dialect dialect) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return dialect == Dialect.H2 ? "H2" : "PostgreSQL";
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new Resolver(dialect));
            }
        };
    }

    /** Gives the run's database (the same to its {@code @BeforeEach} and to the test) and dialect. */
    private record Resolver(Dialect dialect) implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            return type == Database.class || type == Dialect.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            if (parameter.getParameter().getType() == Dialect.class) {
                return dialect;
            }
            ExtensionContext.Store store = context.getStore(NAMESPACE);
            Databases databases = store.getOrComputeIfAbsent(Databases.class, key -> new Databases(), Databases.class);
            return store.getOrComputeIfAbsent(Database.class, key -> databases.fresh.open(dialect), Database.class);
        }
    }

    /** Closed by JUnit when the run ends. */
    private static final class Databases implements ExtensionContext.Store.CloseableResource {

        final FreshDatabases fresh = new FreshDatabases();

        @Override
        public void close() {
            fresh.close();
        }
    }
}
