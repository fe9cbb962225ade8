import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.util.cuda.CudaUtils;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;

import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * DJL smoke test for the GPU bundle (tools/gpu): which libtorch and JNI got loaded, the device, a
 * checked matmul (device vs CPU), a backward pass, a timed matmul, and the device memory seen by
 * {@link CudaUtils#getGpuMemory}. Not part of the Maven modules; compiled by make-bundle.sh.
 *
 * <p>Arguments: {@code [n] [reps]} (timed matmul size, default 4096 on GPU and 512 on CPU). Writes
 * one line {@code SMOKE_RESULT {json}} at the end and, with {@code -Dsmoke.out=FILE}, the same JSON
 * to that file. Exit code 1 if a check fails, or if {@code SLASH_EXPECT_GPU=1} and no GPU is used.
 */
public final class GpuSmoke {

    private static final Map<String, Object> RESULT = new LinkedHashMap<>();
    private static long peakUsed = -1;

    private GpuSmoke() {}

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        put("java", System.getProperty("java.version") + " (" + System.getProperty("java.home") + ")");
        put("djl_offline", System.getProperty("ai.djl.offline", System.getenv("DJL_OFFLINE")));
        for (String k : new String[] {"PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION", "PYTORCH_FLAVOR", "ENGINE_CACHE_DIR"}) {
            put("env." + k, System.getenv(k));
        }

        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException | LinkageError e) {
            // the usual failure: libtorch or the JNI did not load; say why, briefly
            e.printStackTrace();
            StringBuilder why = new StringBuilder();
            for (Throwable c = e; c != null; c = c.getCause()) {
                why.append(why.length() > 0 ? " <- " : "").append(c);
            }
            put("error", "PyTorch engine did not start: " + why);
            put("loaded_native_libs", loadedLibs());
            put("ok", false);
            finish();
            System.exit(2);
            return;
        }
        put("engine", engine.getEngineName() + " " + engine.getVersion());
        put("engine_init_s", secs(t0));
        put("loaded_native_libs", loadedLibs());

        int gpus = engine.getGpuCount();
        put("gpu_count", gpus);
        boolean ok = true;
        Device dev = gpus > 0 ? Device.gpu(0) : Device.cpu();
        if (gpus > 0) {
            put("cuda_runtime", CudaUtils.getCudaVersionString());
            put("compute_capability", CudaUtils.getComputeCapability(0));
            put("device_name", cudaDeviceName(0));
            sampleMemory(dev, "mem_used_before_MiB");
        } else {
            put("note", "no GPU visible to DJL: running on CPU");
        }
        put("device", dev.toString());

        int n = args.length > 0 ? Integer.parseInt(args[0]) : (gpus > 0 ? 4096 : 512);
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : (gpus > 0 ? 20 : 3);

        try (NDManager cpu = NDManager.newBaseManager(Device.cpu());
                NDManager m = NDManager.newBaseManager(dev)) {
            // 1. correctness: the same product on the device and on the CPU
            NDArray a = cpu.randomNormal(new Shape(256, 384));
            NDArray b = cpu.randomNormal(new Shape(384, 128));
            NDArray ref = a.matMul(b);
            NDArray got = a.toDevice(dev, true).matMul(b.toDevice(dev, true));
            put("matmul_result_device", got.getDevice().toString());
            float diff = got.toDevice(Device.cpu(), true).sub(ref).abs().max().getFloat();
            put("matmul_max_abs_diff_vs_cpu", diff);
            // TF32 may be on for CUDA matmul: allow its ~1e-3 relative error on sums of 384 terms
            boolean matmulOk = diff < 0.05f && got.getDevice().equals(dev);
            put("matmul_ok", matmulOk);
            ok &= matmulOk;

            // 2. autograd on the device (the trainer's path): d/dx sum(x*x) = 2x
            NDArray x = m.randomNormal(new Shape(64, 32));
            x.setRequiresGradient(true);
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray y = x.mul(x).sum();
                gc.backward(y);
            }
            float gdiff = x.getGradient().sub(x.mul(2)).abs().max().getFloat();
            put("grad_max_abs_diff", gdiff);
            boolean gradOk = gdiff < 1e-5f;
            put("grad_ok", gradOk);
            ok &= gradOk;

            // 3. timed matmul, fp32 (and fp16 on GPU)
            put("timed_n", n);
            put("timed_reps", reps);
            put("fp32_matmul_tflops", timedMatmul(m, n, reps, DataType.FLOAT32, dev));
            if (dev.isGpu()) {
                put("fp16_matmul_tflops", timedMatmul(m, n, reps, DataType.FLOAT16, dev));
                sampleMemory(dev, "mem_used_after_MiB");
                put("mem_used_peak_sampled_MiB", peakUsed / (1 << 20));
                put("mem_note", "cudaMemGetInfo via CudaUtils.getGpuMemory: device-wide used memory"
                        + " (CUDA context + PyTorch caching allocator), sampled, not the allocator's peak");
            }
        } catch (RuntimeException e) {
            put("error", e.toString());
            e.printStackTrace();
            ok = false;
        }

        if ("1".equals(System.getenv("SLASH_EXPECT_GPU")) && !dev.isGpu()) {
            put("error_gpu", "SLASH_EXPECT_GPU=1 but DJL sees no GPU");
            ok = false;
        }
        put("ok", ok);
        put("total_s", secs(t0));
        finish();
        System.exit(ok ? 0 : 1);
    }

    private static void finish() throws IOException {
        String json = toJson(RESULT);
        System.out.println("SMOKE_RESULT " + json);
        String out = System.getProperty("smoke.out");
        if (out != null) {
            Files.writeString(Paths.get(out), json + "\n", StandardCharsets.UTF_8);
        }
    }

    private static double timedMatmul(NDManager m, int n, int reps, DataType type, Device dev) {
        try (NDManager sub = m.newSubManager()) {
            NDArray a = sub.randomNormal(new Shape(n, n)).toType(type, false);
            NDArray b = sub.randomNormal(new Shape(n, n)).toType(type, false);
            a.matMul(b).sum().toType(DataType.FLOAT32, false).getFloat(); // warm-up, synchronises
            if (dev.isGpu()) {
                sampleMemory(dev, null);
            }
            long t = System.nanoTime();
            NDArray acc = null;
            for (int i = 0; i < reps; i++) {
                try (NDManager step = sub.newSubManager()) {
                    NDArray c = a.matMul(b);
                    NDArray s = c.get("0:1, 0:1").toType(DataType.FLOAT32, false);
                    s.attach(sub);
                    acc = acc == null ? s : acc.add(s);
                }
            }
            acc.getFloat(); // device -> host copy waits for the queued kernels
            double s = (System.nanoTime() - t) / 1e9;
            double tflops = 2.0 * n * n * (double) n * reps / s / 1e12;
            say(String.format(Locale.ROOT, "matmul %s %dx%d x%d: %.3f s, %.2f TFLOP/s", type, n, n, reps, s, tflops));
            return Math.round(tflops * 100) / 100.0;
        }
    }

    private static void sampleMemory(Device dev, String key) {
        try {
            MemoryUsage mu = CudaUtils.getGpuMemory(dev);
            peakUsed = Math.max(peakUsed, mu.getUsed());
            if (key != null) {
                put(key, mu.getUsed() / (1 << 20));
                put("mem_total_MiB", mu.getMax() / (1 << 20));
            }
        } catch (RuntimeException e) {
            if (key != null) {
                put(key, "n/a: " + e.getMessage());
            }
        }
    }

    /** cudaDeviceProp starts with char name[256]; a generous buffer covers every CUDA version's struct. */
    private static String cudaDeviceName(int device) {
        try {
            NativeLibrary cudart = NativeLibrary.getInstance("cudart");
            Function f;
            try {
                f = cudart.getFunction("cudaGetDeviceProperties_v2");
            } catch (UnsatisfiedLinkError e) {
                f = cudart.getFunction("cudaGetDeviceProperties");
            }
            Memory prop = new Memory(16384);
            prop.clear();
            int rc = f.invokeInt(new Object[] {prop, device});
            return rc == 0 ? prop.getString(0) : "cudaGetDeviceProperties error " + rc;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return "n/a: " + e;
        }
    }

    /** Which libtorch / JNI / cudart files this process really mapped (proof of what DJL loaded). */
    private static String loadedLibs() {
        try {
            TreeSet<String> libs = new TreeSet<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int i = line.indexOf('/');
                if (i < 0) {
                    continue;
                }
                String p = line.substring(i);
                String f = p.substring(p.lastIndexOf('/') + 1);
                if (f.matches("lib(torch|torch_cpu|torch_cuda|c10|c10_cuda|cudart|djl_torch).*")
                        || f.endsWith("-libdjl_torch.so")) {
                    libs.add(p);
                }
            }
            return String.join(" ", libs);
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static double secs(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e7) / 100.0;
    }

    private static void put(String k, Object v) {
        RESULT.put(k, v);
        say(k + ": " + v);
    }

    private static void say(String s) {
        System.out.println("[smoke] " + s);
        System.out.flush();
    }

    private static String toJson(Map<String, Object> map) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append('"').append(esc(e.getKey())).append("\": ");
            Object v = e.getValue();
            if (v == null) {
                sb.append("null");
            } else if (v instanceof Number || v instanceof Boolean) {
                sb.append(v);
            } else {
                sb.append('"').append(esc(v.toString())).append('"');
            }
        }
        return sb.append('}').toString();
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
