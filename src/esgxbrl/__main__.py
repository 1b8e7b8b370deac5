from esgxbrl.cli import main

main()
