#if !NET5_0_OR_GREATER
#pragma warning disable IDE0161 // A block namespace keeps the #if around the whole file.
// The language core is also compiled into the netstandard2.0 generator, which lacks this marker type for `init`.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
#endif
