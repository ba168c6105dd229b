-- wrk script: GET of one path with the staff token in SPEED_TOKEN.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("SPEED_TOKEN")
done = dofile(os.getenv("SPEED_LUA_DIR") .. "/report.lua")
