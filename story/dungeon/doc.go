// Package dungeon generates the bundled procedural story: a seeded dungeon
// of several levels, each a grid of rooms and corridors, with locked doors
// whose keys are always reachable, monsters and treasure scaled by depth,
// and a boss guarding the hoard on the deepest level.
//
// It registers itself as the story generator "dungeon"; a story folder
// names it in story.yaml and supplies the catalogue (catalogue.yaml) and the
// room-name tables (themes.yaml). Everything random comes from one PCG
// generator seeded with the game's seed, so a seed is a dungeon.
//
// Location ids encode their place: "l2_3_1" is level 2, column 3, row 1.
// LayoutOf reads them back; RenderMap draws the explored part of a level.
package dungeon
