package com.bellwether.ui.importer;

import java.nio.file.Path;

import com.bellwether.ingest.MappingProfile;

/**
 * An entry of the profile list: the bundle format (no profile), a profile the application ships, a new one, or
 * one opened from a file (already read, so {@code profile} is set).
 */
public record ProfileChoice(Kind kind, String label, String resource, Path file, MappingProfile profile) {

    public enum Kind { BUNDLE_FORMAT, SHIPPED, NEW, OPENED }

    public static final ProfileChoice BUNDLE_FORMAT = new ProfileChoice(Kind.BUNDLE_FORMAT, "None (bundle format)", null, null, null);
    public static final ProfileChoice NEW = new ProfileChoice(Kind.NEW, "New profile", null, null, null);

    public static ProfileChoice shipped(String label, String resource) {
        return new ProfileChoice(Kind.SHIPPED, label, resource, null, null);
    }

    public static ProfileChoice opened(Path file, MappingProfile profile) {
        return new ProfileChoice(Kind.OPENED, profile.name() + " (" + file.getFileName() + ")", null, file, profile);
    }

    public boolean isMapping() {
        return kind != Kind.BUNDLE_FORMAT;
    }

    @Override
    public String toString() {
        return label;
    }
}
