from esgxbrl.cli.app import main

main()
