package org.camelav.examples;

public final class MainJob {
    public static void main(String[] args) {
    }
}
