package com.bellwether.store;

import java.nio.file.Path;

/** A program that opens an embedded database, says so, and keeps it open until it is killed. */
public final class HoldDatabase {

    private HoldDatabase() {
    }

    public static void main(String[] args) throws Exception {
        Database database = Database.openHeld(DatabaseLocation.parse(Path.of(args[0]).toString()));
        System.out.println("held " + database.location().displayName());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
