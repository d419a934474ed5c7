// Package llm is a small client for the OpenAI-compatible chat-completions
// API (POST {base}/chat/completions) as llama.cpp's llama-server, Ollama,
// KoboldCpp, vLLM, LM Studio and OpenAI speak it, with streaming.
//
// It is our own net/http client rather than openai/openai-go because what
// tale needs is one endpoint, bounded and defensive: a byte bound on the
// whole reply that a hostile or broken server cannot get past, malformed
// chunks skipped rather than fatal, a missing [DONE] accepted, a server
// that ignores "stream": true still understood, and errors that can never
// carry the API key. The official library follows OpenAI's own schema
// closely (typed unions, retries, OpenAI-only fields), pulls in a large
// dependency for ~300 lines of use, and its streaming reader has no bound
// of our choosing. The client here has no dependency outside the standard
// library.
//
// # Secrets
//
// The API key is read once, in [New], from the environment variable
// [Config.APIKeyEnv] names; it is never a flag or a config value. It lives
// only inside a closure that sets the Authorization header, so printing a
// Client or its Config shows no key, and every error text that could
// contain server-controlled bytes is redacted ([StatusError]).
//
// # Bounds
//
// Every request has a deadline ([Config.Timeout]); every reply is read
// through a byte bound ([Config.MaxResponseBytes]): past it the stream is
// cut and what arrived so far is returned with Result.Truncated set, so a
// 1 MB reply costs at most the bound. One SSE line is at most maxLineBytes.
//
// # Concurrency
//
// A Client is safe for concurrent use; it holds no per-request state.
// The onDelta callback runs on the calling goroutine, in order.
package llm
