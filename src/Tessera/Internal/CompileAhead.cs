using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Tessera.Internal;

/// <summary>
/// Compiles a type's hot loops on a pool thread before their first call. Methods marked
/// <see cref="MethodImplOptions.AggressiveOptimization"/> have no precompiled (ReadyToRun) code: the runtime compiles
/// them, fully optimized, the first time they are called, which put 20-30 ms of compiling into the first encode after
/// loading a Unigram tokenizer.json. A reader that knows which encoder a file will run starts this while it builds the
/// model, so the compiling runs on the other core.
/// </summary>
internal static class CompileAhead
{
    private static readonly HashSet<Type> s_started = [];

    private const DynamicallyAccessedMemberTypes Methods = DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods;

    /// <summary>
    /// Starts compiling the aggressively optimized methods of <paramref name="type"/> (once a process); nothing where
    /// code is compiled ahead of time (the native tool).
    /// </summary>
    public static void Start([DynamicallyAccessedMembers(Methods)] Type type)
    {
        if (!RuntimeFeature.IsDynamicCodeCompiled)
            return;
        lock (s_started)
        {
            if (!s_started.Add(type))
                return;
        }
        ThreadPool.UnsafeQueueUserWorkItem(_ => Compile(type), null);
    }

    private static void Compile([DynamicallyAccessedMembers(Methods)] Type type)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (MethodInfo method in type.GetMethods(All))
        {
            // Not one also marked for inlining: its callers hold its code, and it is compiled only where it is not inlined.
            MethodImplAttributes flags = method.MethodImplementationFlags;
            if ((flags & MethodImplAttributes.AggressiveOptimization) != 0 && (flags & MethodImplAttributes.AggressiveInlining) == 0
                && !method.ContainsGenericParameters)
                RuntimeHelpers.PrepareMethod(method.MethodHandle);
        }
    }
}
