# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_almanac_global_optspecs
    string join \n db= h/help V/version
end

function __fish_almanac_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_almanac_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_almanac_using_subcommand
    set -l cmd (__fish_almanac_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c almanac -n "__fish_almanac_needs_command" -l db -d 'The store database: for init, the store commands, SLUG@LABEL in export and diff, and import --as-version (default: $ALMANAC_DB, else the app\'s database in the user\'s data dir)' -r -F
complete -c almanac -n "__fish_almanac_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c almanac -n "__fish_almanac_needs_command" -s V -l version -d 'Print version'
complete -c almanac -n "__fish_almanac_needs_command" -f -a "check" -d 'Validate guides and bundles and print their findings'
complete -c almanac -n "__fish_almanac_needs_command" -f -a "render" -d 'Render a guide as a standalone HTML page'
complete -c almanac -n "__fish_almanac_needs_command" -f -a "export" -d 'Export a guide as a publishing bundle <dir>/<slug>/'
complete -c almanac -n "__fish_almanac_needs_command" -f -a "import" -d 'Check a bundle and import its guide (into a content folder, or the store)'
complete -c almanac -n "__fish_almanac_needs_command" -f -a "diff" -d 'Show what changed between two versions of a guide'
complete -c almanac -n "__fish_almanac_needs_command" -f -a "publish" -d 'Publish every guide\'s live version to a site (a git repository or a folder)'
complete -c almanac -n "__fish_almanac_needs_command" -f -a "library" -d 'The link to a shared library (a git repository colleagues share)'
complete -c almanac -n "__fish_almanac_needs_command" -f -a "sync" -d 'Sync with the shared library: bring in what colleagues shared, share what was made here'
complete -c almanac -n "__fish_almanac_needs_command" -f -a "init" -d 'Create a new store database (optionally seeded with the sample guides)'
complete -c almanac -n "__fish_almanac_needs_command" -f -a "guides" -d 'List the guides in the store'
complete -c almanac -n "__fish_almanac_needs_command" -f -a "versions" -d 'List a guide\'s named versions, newest first'
complete -c almanac -n "__fish_almanac_needs_command" -f -a "snapshot" -d 'Name the current draft of a guide as a new version'
complete -c almanac -n "__fish_almanac_needs_command" -f -a "state" -d 'Move a named version to another review state'
complete -c almanac -n "__fish_almanac_needs_command" -f -a "approve" -d 'Approve a version in review, recording the reviewer'
complete -c almanac -n "__fish_almanac_needs_command" -f -a "restore" -d 'Make a named version the guide\'s draft again'
complete -c almanac -n "__fish_almanac_needs_command" -f -a "search" -d 'Full-text search over the guides\' titles, TL;DRs, takeaways, sections, FAQ and sources'
complete -c almanac -n "__fish_almanac_needs_command" -f -a "version-show" -d 'Print a named version\'s guide.json'
complete -c almanac -n "__fish_almanac_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c almanac -n "__fish_almanac_using_subcommand check" -l format -d 'Output format: text lines, or a JSON array with one report per input' -r -f -a "text\t''
json\t''"
complete -c almanac -n "__fish_almanac_using_subcommand check" -l db -d 'The store database: for init, the store commands, SLUG@LABEL in export and diff, and import --as-version (default: $ALMANAC_DB, else the app\'s database in the user\'s data dir)' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c almanac -n "__fish_almanac_using_subcommand render" -s o -l output -d 'Write the page to this file instead of standard output' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand render" -l now -d 'Render in preview mode, with relative ages computed against this RFC 3339 time (default: the published page, absolute dates only)' -r
complete -c almanac -n "__fish_almanac_using_subcommand render" -l db -d 'The store database: for init, the store commands, SLUG@LABEL in export and diff, and import --as-version (default: $ALMANAC_DB, else the app\'s database in the user\'s data dir)' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand render" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c almanac -n "__fish_almanac_using_subcommand export" -s o -l output -d 'The folder to write the bundle into (created if missing)' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand export" -l db -d 'The store database: for init, the store commands, SLUG@LABEL in export and diff, and import --as-version (default: $ALMANAC_DB, else the app\'s database in the user\'s data dir)' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c almanac -n "__fish_almanac_using_subcommand import" -l into -d 'Write the guide to <DIR>/<slug>/guide.json' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand import" -l db -d 'The store database: for init, the store commands, SLUG@LABEL in export and diff, and import --as-version (default: $ALMANAC_DB, else the app\'s database in the user\'s data dir)' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand import" -l replace -d 'Replace an existing, different <DIR>/<slug>/guide.json'
complete -c almanac -n "__fish_almanac_using_subcommand import" -l as-version -d 'Add the guide to the store as a new named version (a new guide when the slug is new)'
complete -c almanac -n "__fish_almanac_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c almanac -n "__fish_almanac_using_subcommand diff" -l format -d 'Output format' -r -f -a "text\t'A reviewer\'s text report (coloured on a terminal)'
json\t'The structured diff the app uses'
html\t'A standalone HTML report (inline CSS, no script)'"
complete -c almanac -n "__fish_almanac_using_subcommand diff" -l color -d 'Colour for the text format' -r -f -a "auto\t'Colour when writing text to a terminal and NO_COLOR is not set'
always\t''
never\t''"
complete -c almanac -n "__fish_almanac_using_subcommand diff" -l layout -d 'HTML report layout' -r -f -a "inline\t''
side-by-side\t''"
complete -c almanac -n "__fish_almanac_using_subcommand diff" -l view -d 'HTML report view: Markdown rendered as on the page, or as typed' -r -f -a "rendered\t''
source\t''"
complete -c almanac -n "__fish_almanac_using_subcommand diff" -s o -l output -d 'Write to this file instead of standard output' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand diff" -l db -d 'The store database: for init, the store commands, SLUG@LABEL in export and diff, and import --as-version (default: $ALMANAC_DB, else the app\'s database in the user\'s data dir)' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c almanac -n "__fish_almanac_using_subcommand publish" -l site -d 'The git repository to publish to: a URL, a bare repository, or a repository with a working tree (committed there, not pushed)' -r
complete -c almanac -n "__fish_almanac_using_subcommand publish" -l dir -d 'The folder to publish to (created if missing)' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand publish" -l db -d 'The store database: for init, the store commands, SLUG@LABEL in export and diff, and import --as-version (default: $ALMANAC_DB, else the app\'s database in the user\'s data dir)' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand publish" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c almanac -n "__fish_almanac_using_subcommand library; and not __fish_seen_subcommand_from link status help" -l db -d 'The store database: for init, the store commands, SLUG@LABEL in export and diff, and import --as-version (default: $ALMANAC_DB, else the app\'s database in the user\'s data dir)' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand library; and not __fish_seen_subcommand_from link status help" -s h -l help -d 'Print help'
complete -c almanac -n "__fish_almanac_using_subcommand library; and not __fish_seen_subcommand_from link status help" -f -a "link" -d 'Link this library to a shared git repository (a URL or a path, an empty one is fine), then sync'
complete -c almanac -n "__fish_almanac_using_subcommand library; and not __fish_seen_subcommand_from link status help" -f -a "status" -d 'Show what the library is linked to (nothing is asked of the remote)'
complete -c almanac -n "__fish_almanac_using_subcommand library; and not __fish_seen_subcommand_from link status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c almanac -n "__fish_almanac_using_subcommand library; and __fish_seen_subcommand_from link" -l db -d 'The store database: for init, the store commands, SLUG@LABEL in export and diff, and import --as-version (default: $ALMANAC_DB, else the app\'s database in the user\'s data dir)' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand library; and __fish_seen_subcommand_from link" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c almanac -n "__fish_almanac_using_subcommand library; and __fish_seen_subcommand_from status" -l db -d 'The store database: for init, the store commands, SLUG@LABEL in export and diff, and import --as-version (default: $ALMANAC_DB, else the app\'s database in the user\'s data dir)' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand library; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c almanac -n "__fish_almanac_using_subcommand library; and __fish_seen_subcommand_from help" -f -a "link" -d 'Link this library to a shared git repository (a URL or a path, an empty one is fine), then sync'
complete -c almanac -n "__fish_almanac_using_subcommand library; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show what the library is linked to (nothing is asked of the remote)'
complete -c almanac -n "__fish_almanac_using_subcommand library; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c almanac -n "__fish_almanac_using_subcommand sync" -l db -d 'The store database: for init, the store commands, SLUG@LABEL in export and diff, and import --as-version (default: $ALMANAC_DB, else the app\'s database in the user\'s data dir)' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand sync" -l check -d 'Only ask the shared library which guides changed there (nothing is brought in or shared)'
complete -c almanac -n "__fish_almanac_using_subcommand sync" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c almanac -n "__fish_almanac_using_subcommand init" -l db -d 'The store database: for init, the store commands, SLUG@LABEL in export and diff, and import --as-version (default: $ALMANAC_DB, else the app\'s database in the user\'s data dir)' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand init" -l seed -d 'Seed the new database with the built-in sample guides'
complete -c almanac -n "__fish_almanac_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c almanac -n "__fish_almanac_using_subcommand guides" -l state -d 'Only guides in this review state' -r -f -a "draft\t''
in-review\t''
approved\t''
live\t''
archived\t''"
complete -c almanac -n "__fish_almanac_using_subcommand guides" -l search -d 'Only guides whose title or slug contains this text' -r
complete -c almanac -n "__fish_almanac_using_subcommand guides" -l sort -d 'Sort order' -r -f -a "title\t''
updated\t''"
complete -c almanac -n "__fish_almanac_using_subcommand guides" -l format -d 'Output format: aligned text, or a JSON array' -r -f -a "text\t''
json\t''"
complete -c almanac -n "__fish_almanac_using_subcommand guides" -l db -d 'The store database: for init, the store commands, SLUG@LABEL in export and diff, and import --as-version (default: $ALMANAC_DB, else the app\'s database in the user\'s data dir)' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand guides" -l trash -d 'List the guides in the trash instead'
complete -c almanac -n "__fish_almanac_using_subcommand guides" -s h -l help -d 'Print help'
complete -c almanac -n "__fish_almanac_using_subcommand versions" -l format -d 'Output format: aligned text, or a JSON array' -r -f -a "text\t''
json\t''"
complete -c almanac -n "__fish_almanac_using_subcommand versions" -l db -d 'The store database: for init, the store commands, SLUG@LABEL in export and diff, and import --as-version (default: $ALMANAC_DB, else the app\'s database in the user\'s data dir)' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand versions" -s h -l help -d 'Print help'
complete -c almanac -n "__fish_almanac_using_subcommand snapshot" -l label -d 'The new version\'s label, unique within the guide (e.g. v2)' -r
complete -c almanac -n "__fish_almanac_using_subcommand snapshot" -l state -d 'The new version\'s review state (approved comes from `almanac approve`)' -r -f -a "draft\t''
in-review\t''"
complete -c almanac -n "__fish_almanac_using_subcommand snapshot" -l note -d 'A note on the version' -r
complete -c almanac -n "__fish_almanac_using_subcommand snapshot" -l db -d 'The store database: for init, the store commands, SLUG@LABEL in export and diff, and import --as-version (default: $ALMANAC_DB, else the app\'s database in the user\'s data dir)' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand snapshot" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c almanac -n "__fish_almanac_using_subcommand state" -l db -d 'The store database: for init, the store commands, SLUG@LABEL in export and diff, and import --as-version (default: $ALMANAC_DB, else the app\'s database in the user\'s data dir)' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand state" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c almanac -n "__fish_almanac_using_subcommand approve" -l reviewer -d 'Who approves (default: the reviewer name set in the app\'s settings)' -r
complete -c almanac -n "__fish_almanac_using_subcommand approve" -l db -d 'The store database: for init, the store commands, SLUG@LABEL in export and diff, and import --as-version (default: $ALMANAC_DB, else the app\'s database in the user\'s data dir)' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand approve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c almanac -n "__fish_almanac_using_subcommand restore" -l db -d 'The store database: for init, the store commands, SLUG@LABEL in export and diff, and import --as-version (default: $ALMANAC_DB, else the app\'s database in the user\'s data dir)' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand restore" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c almanac -n "__fish_almanac_using_subcommand search" -l limit -d 'At most this many results' -r
complete -c almanac -n "__fish_almanac_using_subcommand search" -l format -d 'Output format: text lines, or a JSON array' -r -f -a "text\t''
json\t''"
complete -c almanac -n "__fish_almanac_using_subcommand search" -l db -d 'The store database: for init, the store commands, SLUG@LABEL in export and diff, and import --as-version (default: $ALMANAC_DB, else the app\'s database in the user\'s data dir)' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand search" -s h -l help -d 'Print help'
complete -c almanac -n "__fish_almanac_using_subcommand version-show" -s o -l output -d 'Write to this file instead of standard output' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand version-show" -l db -d 'The store database: for init, the store commands, SLUG@LABEL in export and diff, and import --as-version (default: $ALMANAC_DB, else the app\'s database in the user\'s data dir)' -r -F
complete -c almanac -n "__fish_almanac_using_subcommand version-show" -l publish -d 'Stamp the version\'s label, state and version list into the guide'
complete -c almanac -n "__fish_almanac_using_subcommand version-show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c almanac -n "__fish_almanac_using_subcommand help; and not __fish_seen_subcommand_from check render export import diff publish library sync init guides versions snapshot state approve restore search version-show help" -f -a "check" -d 'Validate guides and bundles and print their findings'
complete -c almanac -n "__fish_almanac_using_subcommand help; and not __fish_seen_subcommand_from check render export import diff publish library sync init guides versions snapshot state approve restore search version-show help" -f -a "render" -d 'Render a guide as a standalone HTML page'
complete -c almanac -n "__fish_almanac_using_subcommand help; and not __fish_seen_subcommand_from check render export import diff publish library sync init guides versions snapshot state approve restore search version-show help" -f -a "export" -d 'Export a guide as a publishing bundle <dir>/<slug>/'
complete -c almanac -n "__fish_almanac_using_subcommand help; and not __fish_seen_subcommand_from check render export import diff publish library sync init guides versions snapshot state approve restore search version-show help" -f -a "import" -d 'Check a bundle and import its guide (into a content folder, or the store)'
complete -c almanac -n "__fish_almanac_using_subcommand help; and not __fish_seen_subcommand_from check render export import diff publish library sync init guides versions snapshot state approve restore search version-show help" -f -a "diff" -d 'Show what changed between two versions of a guide'
complete -c almanac -n "__fish_almanac_using_subcommand help; and not __fish_seen_subcommand_from check render export import diff publish library sync init guides versions snapshot state approve restore search version-show help" -f -a "publish" -d 'Publish every guide\'s live version to a site (a git repository or a folder)'
complete -c almanac -n "__fish_almanac_using_subcommand help; and not __fish_seen_subcommand_from check render export import diff publish library sync init guides versions snapshot state approve restore search version-show help" -f -a "library" -d 'The link to a shared library (a git repository colleagues share)'
complete -c almanac -n "__fish_almanac_using_subcommand help; and not __fish_seen_subcommand_from check render export import diff publish library sync init guides versions snapshot state approve restore search version-show help" -f -a "sync" -d 'Sync with the shared library: bring in what colleagues shared, share what was made here'
complete -c almanac -n "__fish_almanac_using_subcommand help; and not __fish_seen_subcommand_from check render export import diff publish library sync init guides versions snapshot state approve restore search version-show help" -f -a "init" -d 'Create a new store database (optionally seeded with the sample guides)'
complete -c almanac -n "__fish_almanac_using_subcommand help; and not __fish_seen_subcommand_from check render export import diff publish library sync init guides versions snapshot state approve restore search version-show help" -f -a "guides" -d 'List the guides in the store'
complete -c almanac -n "__fish_almanac_using_subcommand help; and not __fish_seen_subcommand_from check render export import diff publish library sync init guides versions snapshot state approve restore search version-show help" -f -a "versions" -d 'List a guide\'s named versions, newest first'
complete -c almanac -n "__fish_almanac_using_subcommand help; and not __fish_seen_subcommand_from check render export import diff publish library sync init guides versions snapshot state approve restore search version-show help" -f -a "snapshot" -d 'Name the current draft of a guide as a new version'
complete -c almanac -n "__fish_almanac_using_subcommand help; and not __fish_seen_subcommand_from check render export import diff publish library sync init guides versions snapshot state approve restore search version-show help" -f -a "state" -d 'Move a named version to another review state'
complete -c almanac -n "__fish_almanac_using_subcommand help; and not __fish_seen_subcommand_from check render export import diff publish library sync init guides versions snapshot state approve restore search version-show help" -f -a "approve" -d 'Approve a version in review, recording the reviewer'
complete -c almanac -n "__fish_almanac_using_subcommand help; and not __fish_seen_subcommand_from check render export import diff publish library sync init guides versions snapshot state approve restore search version-show help" -f -a "restore" -d 'Make a named version the guide\'s draft again'
complete -c almanac -n "__fish_almanac_using_subcommand help; and not __fish_seen_subcommand_from check render export import diff publish library sync init guides versions snapshot state approve restore search version-show help" -f -a "search" -d 'Full-text search over the guides\' titles, TL;DRs, takeaways, sections, FAQ and sources'
complete -c almanac -n "__fish_almanac_using_subcommand help; and not __fish_seen_subcommand_from check render export import diff publish library sync init guides versions snapshot state approve restore search version-show help" -f -a "version-show" -d 'Print a named version\'s guide.json'
complete -c almanac -n "__fish_almanac_using_subcommand help; and not __fish_seen_subcommand_from check render export import diff publish library sync init guides versions snapshot state approve restore search version-show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c almanac -n "__fish_almanac_using_subcommand help; and __fish_seen_subcommand_from library" -f -a "link" -d 'Link this library to a shared git repository (a URL or a path, an empty one is fine), then sync'
complete -c almanac -n "__fish_almanac_using_subcommand help; and __fish_seen_subcommand_from library" -f -a "status" -d 'Show what the library is linked to (nothing is asked of the remote)'
