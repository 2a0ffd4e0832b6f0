module hotline/tools/bench/temporal-profile

go 1.22
