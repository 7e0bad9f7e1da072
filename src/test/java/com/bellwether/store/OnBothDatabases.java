package com.bellwether.store;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test run twice, on a fresh H2 database and on a fresh PostgreSQL database: a parameter (of the test or of its
 * class's {@code @BeforeEach}) of type {@link Database} is that run's database, one of type {@link Dialect} its
 * dialect.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(BothDatabases.class)
public @interface OnBothDatabases {
}
