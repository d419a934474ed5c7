package driver

import "errors"

// Sentinel errors. Callers test them with errors.Is; the driver wraps them
// with detail (a file name, a story id) using %w.
var (
	// ErrNoStart means the story names no start location, or one that does
	// not exist, so there is nowhere to put the player.
	ErrNoStart = errors.New("the story has no valid start location")
	// ErrRunning is returned by a second call to Run: the world has one owner.
	ErrRunning = errors.New("the game loop is already running")
	// ErrNoSave means there is no saved game under the requested name.
	ErrNoSave = errors.New("no saved game by that name")
	// ErrOtherStory means a saved game belongs to a different story.
	ErrOtherStory = errors.New("the saved game belongs to another story")
	// ErrSaveVersion means a saved game was written by an incompatible
	// format or story version.
	ErrSaveVersion = errors.New("the saved game is from an incompatible version")
	// ErrCorruptSave means a saved game could not be read.
	ErrCorruptSave = errors.New("the saved game is damaged")
	// ErrSavesDisabled means the story turned saving off.
	ErrSavesDisabled = errors.New("this story does not allow saved games")
	// ErrBadSaveName means the name would leave the saves folder or is empty.
	ErrBadSaveName = errors.New("a save name may use only letters, digits, '-' and '_'")
	// ErrTooManySaves means the story's save folder holds Options.MaxSaves
	// saves and the new one would not replace any of them.
	ErrTooManySaves = errors.New("the save folder holds as many saved games as it may")
	// ErrSavesFull means the new save would take the story's save folder past
	// Options.MaxSaveBytes.
	ErrSavesFull = errors.New("the save folder holds as many bytes as it may")
	// ErrSaveTooBig means one save alone is bigger than Options.MaxSaveBytes.
	ErrSaveTooBig = errors.New("the saved game is bigger than the save folder may hold")
	// ErrTooManyTranscripts means the transcripts folder already holds
	// Options.MaxTranscripts transcripts of the story.
	ErrTooManyTranscripts = errors.New("the transcripts folder holds as many transcripts as it may")
	// ErrBadMode means Options.Mode is neither "if" nor "mud".
	ErrBadMode = errors.New("the mode must be if or mud")
	// ErrModeNotOffered means the story's modes (story.yaml) do not include
	// the mode asked for: a story written for one player is not shared
	// unless its author says it can be.
	ErrModeNotOffered = errors.New("the story is not written for that mode")
	// ErrQueryFailed means a question to the loop (completion, subscribe)
	// hit a bug; it was logged and the game goes on.
	ErrQueryFailed = errors.New("the game could not answer that (the error was logged)")
)
