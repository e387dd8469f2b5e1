// Stack buffers in the hot paths are written before they are read; zeroing them is wasted work.
[module: System.Runtime.CompilerServices.SkipLocalsInit]
