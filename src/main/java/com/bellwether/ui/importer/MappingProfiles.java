package com.bellwether.ui.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import com.bellwether.ingest.MappingProfile;

/** The mapping profiles the jar ships (sample-data/mappings/), and profiles written back as JSON. */
final class MappingProfiles {

    /** Listed by hand: a folder inside a jar cannot be listed portably. */
    static final List<ProfileChoice> SHIPPED = List.of(
            ProfileChoice.shipped("RavenStack", "/sample-data/mappings/ravenstack.json"),
            ProfileChoice.shipped("RavenStack from its subscriptions", "/sample-data/mappings/ravenstack-subscriptions.json"));

    /** The shape MappingProfile reads; empty parts are left out, as in a profile written by hand. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private MappingProfiles() {
    }

    /**
     * Reads a shipped profile through {@link MappingProfile#read}, so it is checked like any other; the
     * resource is copied out first because inside the jar it is not a file.
     */
    static MappingProfile readShipped(String resource) throws IOException {
        Path folder = Files.createTempDirectory("bellwether-profile");
        try (InputStream in = MappingProfiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("The profile " + resource + " is missing from the application");
            }
            Path file = folder.resolve(resource.substring(resource.lastIndexOf('/') + 1));
            Files.copy(in, file);
            return MappingProfile.read(file);
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static String json(MappingProfile profile) {
        try {
            return JSON.writeValueAsString(profile) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A mapping profile could not be written as JSON", e);
        }
    }

    static void write(MappingProfile profile, Path file) throws IOException {
        Files.writeString(file, json(profile));
    }
}
