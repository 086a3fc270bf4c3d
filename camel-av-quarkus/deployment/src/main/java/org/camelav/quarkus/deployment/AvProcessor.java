package org.camelav.quarkus.deployment;

import java.util.TreeSet;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.IndexDependencyBuildItem;
import io.quarkus.deployment.builditem.SystemPropertyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.JniRuntimeAccessBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedPackageBuildItem;
import org.camelav.quarkus.AvFleetObserver;
import org.jboss.jandex.ClassInfo;

/**
 * Build steps of the camel-av extension. In JVM mode the component needs nothing beyond camel-quarkus-core (its jar
 * has a Jandex index, the {@code av} service file and generated configurers); what is here is for a native image,
 * where FFmpeg's libraries call back into Java: JNI and reflective access for camel-av's own JavaCPP classes (those
 * that extend a JavaCPP Pointer type directly: the callbacks and OpaqueId) and their JavaCPP base classes, and
 * run-time initialisation of the classes that load natives in static initialisers.
 */
class AvProcessor {

    static final String FEATURE = "camel-av";
    /** Lists, at run time, camel-av's classes registered for JNI (the extension's observable effect in JVM mode). */
    static final String JNI_CLASSES_PROPERTY = "camel.av.quarkus.jni-classes";

    /** FunctionPointer callbacks, the log bridge's LogCallback (a C++ adapter) and plain Pointers alike. */
    private static final String POINTER = "org.bytedeco.javacpp.Pointer";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /** The fleet node hook, where the application has camel-cluster (and so can be a fleet node at all). */
    @BuildStep
    void fleet(BuildProducer<AdditionalBeanBuildItem> beans) {
        if (QuarkusClassLoader.isClassPresentAtRuntime("org.apache.camel.impl.cluster.ClusteredRoutePolicy")) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(AvFleetObserver.class));
        }
    }

    @BuildStep
    IndexDependencyBuildItem indexTheComponent() {
        return new IndexDependencyBuildItem("org.camelav", "camel-av-component");
    }

    /** JavaCPP loads and links natives in static initialisers, and camel-av's media classes create callbacks there. */
    @BuildStep
    void runtimeInitialised(BuildProducer<RuntimeInitializedPackageBuildItem> packages) {
        packages.produce(new RuntimeInitializedPackageBuildItem("org.bytedeco"));
        packages.produce(new RuntimeInitializedPackageBuildItem("org.camelav.media"));
    }

    @BuildStep
    void jniClasses(CombinedIndexBuildItem index, BuildProducer<JniRuntimeAccessBuildItem> jni,
            BuildProducer<ReflectiveClassBuildItem> reflective, BuildProducer<SystemPropertyBuildItem> properties)
            throws ClassNotFoundException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> pointer = Class.forName(POINTER, false, loader);
        TreeSet<String> own = new TreeSet<>();
        TreeSet<String> all = new TreeSet<>();
        for (ClassInfo c : index.getIndex().getKnownClasses()) {
            String name = c.name().toString();
            // camel-av's JavaCPP classes extend a JavaCPP type directly; loading only those leaves out classes whose
            // optional dependencies (camel-zookeeper for org.camelav.cluster) the application may not have
            if (!name.startsWith("org.camelav.") || c.superName() == null
                || !c.superName().toString().startsWith("org.bytedeco.")) {
                continue;
            }
            Class<?> type = Class.forName(name, false, loader); // not initialised: no native is loaded here
            if (pointer.isAssignableFrom(type)) {
                own.add(name);
                for (Class<?> t = type; t != null && t != Object.class; t = t.getSuperclass()) {
                    all.add(t.getName()); // JavaCPP's generated base (Read_packet_..., Callback_Pointer) holds the native
                }
            }
        }
        if (!all.isEmpty()) {
            String[] names = all.toArray(String[]::new);
            jni.produce(new JniRuntimeAccessBuildItem(true, true, true, names));
            reflective.produce(ReflectiveClassBuildItem.builder(names).constructors().methods().fields().build());
        }
        properties.produce(new SystemPropertyBuildItem(JNI_CLASSES_PROPERTY, String.join(",", own)));
    }
}
